//! Where things go on a 16:9 slide (13.333 × 7.5 in), in EMU (914,400 per
//! inch), and how much text fits: the layouts and the slides share these,
//! and the slide writer measures text with the charts' font metrics (DejaVu
//! Sans is wider than Arial, so a measured fit is a safe fit).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

pub const EMU_PER_INCH: i64 = 914_400;
pub const EMU_PER_PT: i64 = 12_700;

const fn inch(x100: i64) -> i64 {
    x100 * EMU_PER_INCH / 100
}

pub const SLIDE_W: i64 = 12_192_000;
pub const SLIDE_H: i64 = 6_858_000;
pub const NOTES_W: i64 = 6_858_000;
pub const NOTES_H: i64 = 9_144_000;

pub const MARGIN: i64 = inch(50);
pub const CONTENT_W: i64 = SLIDE_W - 2 * MARGIN;

pub const TITLE: Rect = Rect {
    x: MARGIN,
    y: inch(22),
    w: CONTENT_W,
    h: inch(96),
};
pub const BODY: Rect = Rect {
    x: MARGIN,
    y: inch(138),
    w: CONTENT_W,
    h: inch(570),
};

pub const COVER_BAR: Rect = Rect {
    x: MARGIN + 91_440,
    y: inch(210),
    w: inch(120),
    h: inch(8),
};
pub const COVER_TITLE: Rect = Rect {
    x: MARGIN,
    y: inch(230),
    w: CONTENT_W,
    h: inch(160),
};
pub const COVER_SUB: Rect = Rect {
    x: MARGIN,
    y: inch(400),
    w: CONTENT_W,
    h: inch(200),
};

/// The chart picture: as large as fits between the title and the reading,
/// at the charts' 16:9, centred.
pub const CHART: Rect = {
    let h = inch(548);
    let w = h * 16 / 9;
    Rect {
        x: (SLIDE_W - w) / 2,
        y: inch(122),
        w,
        h,
    }
};
pub const READING: Rect = Rect {
    x: MARGIN,
    y: inch(674),
    w: CONTENT_W,
    h: inch(64),
};

pub const NOTES_IMAGE: Rect = Rect {
    x: 685_800,
    y: 1_143_000,
    w: 5_486_400,
    h: 3_086_100,
};
pub const NOTES_BODY: Rect = Rect {
    x: 685_800,
    y: 4_400_550,
    w: 5_486_400,
    h: 3_600_450,
};

/// Text insets PowerPoint applies by default (0.1 in left and right,
/// 0.05 in top and bottom).
pub const INSET_X: i64 = 91_440;
pub const INSET_Y: i64 = 45_720;

pub fn pt(emu: i64) -> f64 {
    emu as f64 / EMU_PER_PT as f64
}
