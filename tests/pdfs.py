"""Reading the resident's PDFs in tests, as a reader (or a screen reader) gets them."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The PDF's text, with runs of white space made one space."""
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdf_lines(data: bytes) -> list[str]:
    """The PDF's lines of text, in reading order."""
    return "\n".join(page.extract_text() for page in pdf_reader(data).pages).splitlines()
