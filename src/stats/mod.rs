//! Statistics on plain slices (being written).
