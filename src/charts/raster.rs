//! SVG → PNG with resvg, using only the embedded font (never the system's),
//! so the same SVG gives the same pixels on every machine. Rasterising the
//! SVG, rather than drawing a second time with a bitmap backend, keeps the
//! PNG identical to the SVG and the PDF, anti-aliased throughout.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::theme::{BOLD_TTF, FAMILY, REGULAR_TTF};
use crate::error::{Error, Result};

/// The font database holding only the embedded font.
pub fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR_TTF.to_vec());
        db.load_font_data(BOLD_TTF.to_vec());
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses chart SVG text into a tree that resolves every font to the
/// embedded one.
pub fn parse(svg: &str) -> Result<usvg::Tree> {
    let opts = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &opts)
        .map_err(|e| Error::Analysis(format!("could not read a chart's SVG: {e}")))
}

/// Renders SVG text to PNG bytes at `scale` × its own size (1 → 1920×1080,
/// 2 → 3840×2160).
pub fn png(svg: &str, scale: u32) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    png_of_tree(&tree, scale)
}

pub fn png_of_tree(tree: &usvg::Tree, scale: u32) -> Result<Vec<u8>> {
    png_of_tree_on(tree, scale, &mut Vec::new())
}

/// As [`png_of_tree`], drawing on `canvas`, which the caller keeps from one
/// chart to the next: a 3840×2160 canvas is 33 MB, and a new one for every
/// chart is 33 MB of fresh pages for the system to zero. The pixels are
/// the same either way (the canvas is painted white first).
pub fn png_of_tree_on(tree: &usvg::Tree, scale: u32, canvas: &mut Vec<u8>) -> Result<Vec<u8>> {
    let pixmap = pixmap_on(tree, scale, std::mem::take(canvas))?;
    let png = encode_png(&pixmap);
    *canvas = pixmap.take();
    png
}

/// The pixels themselves (width, height, RGBA), for the clipboard. Opaque,
/// so straight and premultiplied alpha agree (see [`encode_png`]).
pub fn rgba_of_tree(tree: &usvg::Tree, scale: u32) -> Result<(u32, u32, Vec<u8>)> {
    let p = pixmap_of_tree(tree, scale)?;
    Ok((p.width(), p.height(), p.take()))
}

fn pixmap_of_tree(tree: &usvg::Tree, scale: u32) -> Result<tiny_skia::Pixmap> {
    pixmap_on(tree, scale, Vec::new())
}

/// The chart drawn on `canvas` (its old contents and length do not matter).
fn pixmap_on(tree: &usvg::Tree, scale: u32, mut canvas: Vec<u8>) -> Result<tiny_skia::Pixmap> {
    let size = tree.size().to_int_size();
    let (w, h) = (size.width() * scale, size.height() * scale);
    let cannot = || Error::Analysis(format!("cannot make a {w}×{h} image"));
    let size = tiny_skia::IntSize::from_wh(w, h).ok_or_else(cannot)?;
    // Opaque white, premultiplied, is every byte 255: painted by the resize.
    canvas.clear();
    canvas.resize(w as usize * h as usize * 4, 255);
    let mut pixmap = tiny_skia::Pixmap::from_vec(canvas, size).ok_or_else(cannot)?;
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The canvas is filled white first, so every pixel is opaque and
/// tiny-skia's premultiplied RGBA equals straight RGBA: the buffer is
/// encoded as it is, with fast deflate (a 4K chart in well under a tenth of
/// a second).
fn encode_png(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(pixmap.data().len() / 16);
    {
        let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let err = |e: png::EncodingError| Error::Analysis(format!("could not encode a PNG: {e}"));
        let mut w = enc.write_header().map_err(err)?;
        w.write_image_data(pixmap.data()).map_err(err)?;
    }
    Ok(out)
}
