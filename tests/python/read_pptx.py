"""Reads a .pptx with python-pptx (an independent reader) and prints what a
person editing the deck would find, as JSON: per slide its layout, title,
every text, tables, pictures (with their alt text and pixel size) and the
speaker notes. Used by tests/office_pack.rs."""
import io
import json
import sys

from PIL import Image
from pptx import Presentation
from pptx.util import Emu


def main(path):
    prs = Presentation(path)
    out = {"width": prs.slide_width, "height": prs.slide_height, "slides": []}
    for slide in prs.slides:
        s = {
            "layout": slide.slide_layout.name,
            "title": slide.shapes.title.text if slide.shapes.title is not None else None,
            "placeholders": [str(p.placeholder_format.type).split(" ")[0] for p in slide.placeholders],
            "texts": [],
            "tables": [],
            "pictures": [],
            "notes": slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None,
        }
        for shape in slide.shapes:
            if shape.has_text_frame:
                s["texts"].append(shape.text_frame.text)
            if shape.has_table:
                s["tables"].append([[c.text for c in row.cells] for row in shape.table.rows])
            if shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
                img = Image.open(io.BytesIO(shape.image.blob))
                s["pictures"].append({
                    "descr": shape._element.nvPicPr.cNvPr.get("descr"),
                    "pixels": list(img.size),
                    "box": [Emu(shape.left), Emu(shape.top), Emu(shape.width), Emu(shape.height)],
                    "content_type": shape.image.content_type,
                })
        out["slides"].append(s)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
