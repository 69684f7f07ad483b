"""How people are named on public pages: never by their e-mail address."""


def public_name(user) -> str:
    """The full name, else the user name without an e-mail domain (user names may be e-mail addresses)."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username().split("@", 1)[0]
