import Foundation

/// Settings of the C allocator that recall's processes run with.
public enum MallocTuning {
    /// Tunes glibc's allocator for compiling a big deck, in two ways:
    ///
    /// - **A fixed mmap threshold** (256 KiB unless given). glibc raises the threshold each
    ///   time a large block is freed; after that, big arrays come from the heap and their pages
    ///   stay with the process. Compiling a 100,000-fact deck on two threads peaked 60 MB
    ///   higher that way. With a fixed threshold, large arrays get mappings of their own, which
    ///   go back to the system when freed.
    /// - **A 64 MiB top pad.** The heap otherwise grows and shrinks by 128 KiB steps as the
    ///   compiler's phases allocate and free, and every regrown page faults again: 108,000 page faults on the
    ///   100,000-fact deck, against 64,000 with the pad, and a third of the system time gone.
    ///
    /// `recall check` and `recall compile` call it before compiling, as do the compiler
    /// benchmarks. Study and the other commands do not: their big tables are built once per
    /// process, and opening progress was measured slower with every large array mapped anew.
    /// Looked up at run time, because Swift's Glibc module does not export `mallopt`; on a C
    /// library without it this does nothing.
    public static func tuneForCompiling(mapThreshold: Int32 = 256 * 1024, topPad: Int32 = 64 * 1024 * 1024) {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let (mmapThreshold, topPadding): (Int32, Int32) = (-3, -2)  // M_MMAP_THRESHOLD, M_TOP_PAD in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(mmapThreshold, mapThreshold)
        _ = mallopt(topPadding, topPad)
    }
}
