"""`sidelines extract`: clean and tag pages from files (also gzipped) and URLs, without storing them.
Many files are spread over the cores; each input gives one JSON object (or one error object)."""

from __future__ import annotations

import asyncio
import os

from sidelines_tui.contracts import error_json, extracted_json

POOL_FROM = 8  # more files than this: worker processes pay for their start-up


def extract_file(item: str, gazetteer_dir: str | None) -> dict[str, object]:
    """One file's JSON object; a file that cannot be read or unpacked is that input's error."""
    from sidelines_tui.decode import GZIP_MAGIC, MAX_DOCUMENT_BYTES, gunzip_capped
    from sidelines_tui.pipeline import extract_document

    try:
        with open(item, "rb") as handle:
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ValueError(f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB: not a page")
        hint = item
        if data.startswith(GZIP_MAGIC):  # a saved page.html.gz: unpacked here, as a server's gzip would be
            data = gunzip_capped(data)
            hint = item.removesuffix(".gz").removesuffix(".GZ")
    except OSError as exc:
        return error_json(item, f"cannot read: {exc.strerror or exc}")
    except ValueError as exc:  # too large, or a corrupt or oversized .gz
        return error_json(item, str(exc))
    return extracted_json(item, extract_document(data, path_hint=hint, gazetteer_dir=gazetteer_dir))


def extract_inputs(inputs: list[str], gazetteer_dir: str | None) -> dict[str, dict[str, object]]:
    """Every input's JSON object, by input."""
    urls = [i for i in inputs if i.startswith(("http://", "https://"))]
    paths = [i for i in inputs if i not in urls]
    results: dict[str, dict[str, object]] = {}
    if urls:
        results.update(asyncio.run(_extract_urls(urls, gazetteer_dir)))
    cores = os.cpu_count() or 1
    if len(paths) > POOL_FROM and cores > 1:
        from sidelines_tui.worker_pool import process_pool

        with process_pool(cores) as pool:
            results.update(zip(paths, pool.map(extract_file, paths, [gazetteer_dir] * len(paths), chunksize=4)))
    else:
        results.update((item, extract_file(item, gazetteer_dir)) for item in paths)
    return results


async def _extract_urls(urls: list[str], gazetteer_dir: str | None) -> dict[str, dict[str, object]]:
    from sidelines_tui.fetch import PAGE_ACCEPT, Fetcher
    from sidelines_tui.pipeline import extract_document

    out: dict[str, dict[str, object]] = {}
    async with Fetcher() as fetcher:
        results = await asyncio.gather(*(fetcher.get(u, accept=PAGE_ACCEPT) for u in urls))
    for url, result in zip(urls, results):
        if result.error:
            out[url] = error_json(url, result.error)
            continue
        extracted = await asyncio.to_thread(extract_document, result.body, url=result.final_url or url,
                                            content_type=result.content_type, gazetteer_dir=gazetteer_dir)
        out[url] = extracted_json(url, extracted)
    return out
