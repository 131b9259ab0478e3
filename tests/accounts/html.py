"""Reading the HTML of a page the way assistive technology does, for assertions."""

from html.parser import HTMLParser

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings: list[str] = []
        self.label_targets: set[str] = set()
        self.inputs: list[dict] = []
        self.buttons: list[dict] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [tag]
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        elif tag in {"input", "select", "textarea"}:
            if attributes.get("type") not in UNLABELLED_INPUT_TYPES:
                self.inputs.append(attributes)
        elif tag == "button":
            self.buttons.append(attributes)

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag):
        if self._heading is not None and tag == self._heading[0]:
            level, *text = self._heading
            self.headings.append(f"{level} {' '.join(''.join(text).split())}")
            self._heading = None


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def headings(html: str) -> list[str]:
    """Headings in document order, such as ["h1 My profile", "h2 My data"]."""
    return outline(html).headings


def unlabelled_inputs(html: str) -> list[str]:
    """Names of form inputs that no <label for=…> points to."""
    page = outline(html)
    return [
        field.get("name", "?") for field in page.inputs if field.get("id") not in page.label_targets
    ]


def button_classes(html: str) -> list[str]:
    return [button.get("class", "") for button in outline(html).buttons]


def main_of(html: str) -> str:
    """The <main> element of a page, without the site's header and footer."""
    return html[html.index("<main") : html.index("</main>") + len("</main>")]
