"""Benchmarks: each prints what it measured, on what data size, beside a reference measured in the
same run, as a ratio. Run them by hand; they are never timed assertions in tests."""
