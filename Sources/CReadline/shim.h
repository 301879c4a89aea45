#ifndef RECALL_CREADLINE_SHIM_H
#define RECALL_CREADLINE_SHIM_H

// readline.h needs FILE from stdio.h before it is included.
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 refuses to touch mutable C globals directly (they are not concurrency-safe),
// so every global recall sets or reads goes through one of these small functions.

static inline void recall_set_readline_name(const char *name) {
    rl_readline_name = name;
}

typedef char **(*recall_completion_function)(const char *text, int start, int end);

static inline void recall_set_attempted_completion(recall_completion_function function) {
    rl_attempted_completion_function = function;
}

typedef char *(*recall_generator_function)(const char *text, int state);

static inline char **recall_completion_matches(const char *text, recall_generator_function generator) {
    return rl_completion_matches(text, generator);
}

// Stop readline from falling back to file-name completion when no command matches.
static inline void recall_set_attempted_completion_over(int value) {
    rl_attempted_completion_over = value;
}

static inline const char *recall_line_buffer(void) {
    return rl_line_buffer;
}

// Readline installs its own SIGINT handler; recall wants Ctrl-C to end the line with an
// interruption it can see, so it turns readline's handlers off and catches the signal itself.
static inline void recall_set_catch_signals(int value) {
    rl_catch_signals = value;
}

// The callback interface's line handler receives each finished line (NULL at end of input).
typedef void (*recall_line_handler)(char *line);

static inline void recall_callback_handler_install(const char *prompt, recall_line_handler handler) {
    rl_callback_handler_install(prompt, handler);
}

static inline void recall_free(void *pointer) {
    free(pointer);
}

#endif
