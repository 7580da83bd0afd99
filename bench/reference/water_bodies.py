#!/usr/bin/python3
"""Peer for the benchmarks: the water-bodies and NDVI steps written the way the public
water-bodies application package does them (rasterio + numpy + scikit-image; crop each band to a
GeoTIFF, normalized difference to a float32 GeoTIFF, Otsu threshold to a mask GeoTIFF), run on the
same files as ours. It exists to be measured against, and to check that our mask agrees with it.

Usage:
  water_bodies.py water-bodies --green G.tif --nir N.tif --out DIR [--aoi w,s,e,n]
  water_bodies.py ndvi --red R.tif --nir N.tif --out DIR [--aoi w,s,e,n]
Prints one JSON line: the threshold (water-bodies), output paths and seconds per step.
"""
import argparse
import json
import os
import time

import numpy as np
import rasterio
from rasterio.warp import transform_bounds
from rasterio.windows import from_bounds
from skimage.filters import threshold_otsu

np.seterr(divide="ignore", invalid="ignore")


def crop(path, aoi, out_path):
    with rasterio.open(path) as src:
        if aoi is None:
            window = rasterio.windows.Window(0, 0, src.width, src.height)
        else:
            bounds = transform_bounds("EPSG:4326", src.crs, *aoi)
            window = from_bounds(*bounds, transform=src.transform).round_offsets().round_lengths()
        data = src.read(1, window=window)
        meta = src.meta.copy()
        meta.update(driver="GTiff", width=data.shape[1], height=data.shape[0],
                    transform=src.window_transform(window))
    with rasterio.open(out_path, "w", **meta) as dst:
        dst.write(data, 1)
    return out_path


def normalized_difference(path1, path2, out_path):
    with rasterio.open(path1) as ds1:
        band1 = ds1.read(1).astype(np.float32)
        meta = ds1.meta.copy()
    with rasterio.open(path2) as ds2:
        band2 = ds2.read(1).astype(np.float32)
    norm_diff = (band1 - band2) / (band1 + band2)
    meta.update(dtype="float32", nodata=np.nan)
    with rasterio.open(out_path, "w", **meta) as dst:
        dst.write(norm_diff, 1)
    return out_path


def otsu(path, out_path):
    with rasterio.open(path) as ds:
        array = ds.read(1)
        meta = ds.meta.copy()
    threshold = float(threshold_otsu(array[np.isfinite(array)]))
    mask = np.where(np.isfinite(array), (array > threshold).astype(np.uint8), np.uint8(255))
    meta.update(dtype="uint8", nodata=255)
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
    args = parser.parse_args()
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
