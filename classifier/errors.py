"""The one error type the library raises for anything a user can fix."""


class ClassifierError(Exception):
    """A problem the user can fix; the message names it and says how."""
