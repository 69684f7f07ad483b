"""A service refusing an action, with the reason in English and German and the HTTP status to answer with.

Every app's services raise a subclass; views and API handlers turn it into a message or a problem document.
"""

from django.utils import translation


class Refusal(Exception):
    def __init__(self, code: str, en: str, de: str, *, status: int = 409):
        super().__init__(en)
        self.code, self.en, self.de, self.status = code, en, de, status

    @property
    def message(self) -> str:
        return self.de if (translation.get_language() or "de").startswith("de") else self.en
