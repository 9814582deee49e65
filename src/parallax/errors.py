"""The exceptions Parallax raises. A bad input raises an InputProblem, is reported and skipped."""


class ParallaxError(Exception):
    """Base of every error this package raises on purpose."""


class InputProblem(ParallaxError):
    """One input cannot be used (empty, binary, not UTF-8, too large, unparseable)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
