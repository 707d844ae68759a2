"""/api/documents: read one stored report; submit a new one for processing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path

from rasd.api.auth import ReviewerDep, reader
from rasd.api.deps import ResourcesDep, SettingsDep, StoreDep
from rasd.api.schemas import DocumentIn, DocumentOut

router = APIRouter(prefix="/api/documents", tags=["documents"], dependencies=[Depends(reader)])


@router.get("/{doc_id}", summary="A stored report: metadata and the clean body that evidence spans index")
def get_document(doc_id: Annotated[str, Path(max_length=64)], store: StoreDep) -> dict:
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc.to_dict()


@router.post(
    "",
    response_model=DocumentOut,
    status_code=201,
    summary="Submit a report (a reviewer): it is read, geocoded, deduplicated and stored",
)
def submit(
    body: DocumentIn, store: StoreDep, settings: SettingsDep, res: ResourcesDep, user: ReviewerDep
) -> DocumentOut:
    import dataclasses

    from rasd.ingest import read_html, read_text
    from rasd.pipeline import process_document

    if body.text:
        doc = read_text(
            body.text, settings, source_uri=body.url or "", published_at=body.published_at, outlet=body.outlet
        )
    else:
        doc = read_html(body.html or "", settings, source_uri=body.url or "")
        if body.published_at:
            doc = dataclasses.replace(doc, published_at=body.published_at)
    try:
        processed = process_document(doc, res)
    except Exception as e:  # a bug met on one report: a clear 422 naming it, never a 500 with a trace
        from rasd.ingest import unexpected_failure

        failure = unexpected_failure(doc.source_uri or doc.doc_id, e, stage="process")
        store.record_failure(failure)
        raise HTTPException(422, f"{failure.message} [{failure.code}]") from e
    new, added, merged = store.save_processed(doc, list(processed.mentions), list(processed.events))
    return DocumentOut(
        doc_id=doc.doc_id,
        new=new,
        events_added=added,
        events_merged=merged,
        events=[e.to_dict() for e in processed.events],
    )
