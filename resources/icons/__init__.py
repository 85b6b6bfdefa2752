"""Application icons (SVG), loaded with QIcon from this folder."""
