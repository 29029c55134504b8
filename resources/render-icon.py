#!/usr/bin/env python3
"""Renders vae-explorer.svg to vae-explorer.png (256 px) for Qt builds without the SVG image
plugin (Debian's qt6-svg-plugins is not among the dependencies). Uses librsvg and cairo through
ctypes, so nothing beyond the libraries a desktop already has is needed.

    python3 resources/render-icon.py resources/vae-explorer.svg resources/vae-explorer.png 256
"""
import ctypes
import sys

rsvg = ctypes.CDLL("librsvg-2.so.2")
cairo = ctypes.CDLL("libcairo.so.2")
rsvg.rsvg_handle_new_from_file.restype = ctypes.c_void_p
cairo.cairo_image_surface_create.restype = ctypes.c_void_p
cairo.cairo_create.restype = ctypes.c_void_p

CAIRO_FORMAT_ARGB32 = 0
SVG_SIZE = 256.0  # the icon's viewBox

src, dst, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
error = ctypes.c_void_p()
handle = rsvg.rsvg_handle_new_from_file(src.encode(), ctypes.byref(error))
if not handle:
    sys.exit(f"cannot read {src}")
surface = cairo.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size)
context = cairo.cairo_create(ctypes.c_void_p(surface))
cairo.cairo_scale(ctypes.c_void_p(context), ctypes.c_double(size / SVG_SIZE),
                  ctypes.c_double(size / SVG_SIZE))
if not rsvg.rsvg_handle_render_cairo(ctypes.c_void_p(handle), ctypes.c_void_p(context)):
    sys.exit(f"cannot render {src}")
if cairo.cairo_surface_write_to_png(ctypes.c_void_p(surface), dst.encode()) != 0:
    sys.exit(f"cannot write {dst}")
