"""Comment-thread discourse classifier: split pages into comments, label, train, score, inspect."""

__version__ = "0.1.0"
