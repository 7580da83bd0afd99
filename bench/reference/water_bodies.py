#!/usr/bin/python3
"""Peer for the benchmarks: the water-bodies and NDVI steps written the way the public
water-bodies application package (eoap/mastering-app-package) does them: rasterio + numpy +
scikit-image; crop each band to the AOI with rasterio.mask, normalized difference, Otsu threshold,
and every step's output written as an LZW-compressed COG with 256-pixel blocks, as its crop,
norm_diff and otsu tools write them. Without --aoi the AOI is the scene's own footprint. One
deviation: pixels that are nodata in the input are 255 in the mask (the package writes 0, "not
water"), so the mask can be compared with ours pixel for pixel. It exists to be measured against,
and to check that our mask agrees with it.

Usage:
  water_bodies.py water-bodies --green G.tif --nir N.tif --out DIR [--aoi w,s,e,n] [--style app-package|lean]
  water_bodies.py ndvi --red R.tif --nir N.tif --out DIR [--aoi w,s,e,n] [--style app-package|lean]
--style lean crops by a window read and writes plain uncompressed GeoTIFFs instead: the quickest
these steps can go in Python.
Prints one JSON line: the threshold (water-bodies), output paths and seconds per step.
"""
import argparse
import json
import os
import time

import numpy as np
import rasterio
import rasterio.features
from rasterio.mask import mask as mask_to_geometry
from rasterio.warp import transform_geom
from rasterio.windows import from_bounds
from skimage.filters import threshold_otsu

np.seterr(divide="ignore", invalid="ignore")


def box(west, south, east, north):
    """A GeoJSON polygon (the package builds it with shapely, not installed here)."""
    return {"type": "Polygon", "coordinates": [[(west, south), (east, south), (east, north), (west, north), (west, south)]]}


# How each step writes its output. "app-package": what the package's tools pass to rasterio for every
# output they write. "lean": plain uncompressed GeoTIFFs (and window reads to crop), the quickest the same steps go.
STYLES = {"app-package": dict(driver="COG", compress="LZW", blocksize=256), "lean": dict(driver="GTiff")}
OUTPUT = STYLES["app-package"]
LEAN = False


def crop(path, aoi, out_path):
    with rasterio.open(path) as src:
        if aoi is None:
            geometry = box(*src.bounds)
        else:
            geometry = transform_geom("EPSG:4326", src.crs, box(*aoi))
        if LEAN:
            # A window read of the AOI's bounding box: no polygon rasterized, no masked array.
            window = from_bounds(*rasterio.features.bounds(geometry), transform=src.transform).round_offsets().round_lengths()
            window = window.intersection(rasterio.windows.Window(0, 0, src.width, src.height))
            pixels, transform = src.read(window=window), src.window_transform(window)
        else:
            pixels, transform = mask_to_geometry(src, [geometry], crop=True)
        meta = src.meta.copy()
        meta.update(height=pixels.shape[1], width=pixels.shape[2], transform=transform, **OUTPUT)
    with rasterio.open(out_path, "w", **meta) as dst:
        dst.write(pixels)
    return out_path


def normalized_difference(path1, path2, out_path):
    with rasterio.open(path1) as ds1:
        band1 = ds1.read(1).astype(np.float32)
        meta = ds1.meta.copy()
    with rasterio.open(path2) as ds2:
        band2 = ds2.read(1).astype(np.float32)
    norm_diff = (band1 - band2) / (band1 + band2)
    meta.update(dtype="float32", count=1, nodata=np.nan, **OUTPUT)
    with rasterio.open(out_path, "w", **meta) as dst:
        dst.write(norm_diff, 1)
    return out_path


def otsu(path, out_path):
    with rasterio.open(path) as ds:
        array = ds.read(1)
        meta = ds.meta.copy()
    threshold = float(threshold_otsu(array[np.isfinite(array)]))
    mask = np.where(np.isfinite(array), (array > threshold).astype(np.uint8), np.uint8(255))
    meta.update(dtype="uint8", count=1, nodata=255, **OUTPUT)
    with rasterio.open(out_path, "w", **meta) as dst:
        dst.write(mask, 1)
    return out_path, threshold


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("product", choices=["water-bodies", "ndvi"])
    parser.add_argument("--green")
    parser.add_argument("--red")
    parser.add_argument("--nir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--aoi")
    parser.add_argument("--style", choices=sorted(STYLES), default="app-package")
    args = parser.parse_args()
    global OUTPUT, LEAN
    OUTPUT, LEAN = STYLES[args.style], args.style == "lean"
    aoi = [float(v) for v in args.aoi.split(",")] if args.aoi else None
    os.makedirs(args.out, exist_ok=True)
    timings = {}
    result = {"product": args.product}

    first = args.green if args.product == "water-bodies" else args.nir
    second = args.nir if args.product == "water-bodies" else args.red
    start = time.perf_counter()
    crop1 = crop(first, aoi, os.path.join(args.out, "crop_1.tif"))
    crop2 = crop(second, aoi, os.path.join(args.out, "crop_2.tif"))
    timings["crop"] = time.perf_counter() - start

    start = time.perf_counter()
    diff = normalized_difference(crop1, crop2, os.path.join(args.out, "norm_diff.tif"))
    timings["normalized_difference"] = time.perf_counter() - start
    result["norm_diff"] = diff

    if args.product == "water-bodies":
        start = time.perf_counter()
        mask, threshold = otsu(diff, os.path.join(args.out, "otsu.tif"))
        timings["otsu"] = time.perf_counter() - start
        result.update(mask=mask, threshold=threshold)

    result["seconds"] = timings
    result["total_seconds"] = sum(timings.values())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
