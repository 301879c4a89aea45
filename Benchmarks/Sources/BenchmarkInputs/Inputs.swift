public enum Inputs {}
