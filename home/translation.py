"""Facts that are not words follow the source page into its translations at once.

A page model declares its facts (dates, quantities, pictures, choices) with
wagtail-localize's ``SynchronizedField(name, overridable=False)`` in
``override_translatable_fields``; on an inline child model (a campaign's
needs) the same declaration on the child model counts. wagtail-localize copies
synchronised fields only when someone updates a translation; facts must not
wait for that. When the source page is published, ``sync_facts`` writes its
facts into every translation: into the live page and into its latest draft,
so that neither the English page nor a later publish of its draft shows an
old date. Words (titles, text) are left to the translators.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import Model

from wagtail.models import Locale, Page, Revision, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import TranslationSource


def fact_fields(model: type[Model]) -> list[models.Field]:
    """The model's concrete fields declared ``SynchronizedField(..., overridable=False)``."""
    names = [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, SynchronizedField) and not field.overridable
    ]
    fields = [model._meta.get_field(name) for name in names]
    return [field for field in fields if isinstance(field, models.Field) and field.concrete and not field.many_to_many]


def child_facts(model: type[Model]) -> dict[str, tuple[type[Model], str, list[models.Field]]]:
    """Inline children that have facts: ``{relation name: (child model, parental key attname, fact fields)}``."""
    if not issubclass(model, ClusterableModel):
        return {}
    children = {}
    for relation in get_all_child_relations(model):
        child = relation.related_model
        parental_key = relation.field
        if not issubclass(child, TranslatableMixin) or not isinstance(parental_key, ParentalKey):
            continue
        fields = fact_fields(child)
        if fields:
            children[relation.get_accessor_name()] = (child, parental_key.attname, fields)
    return children


def is_source(page: Page) -> bool:
    """The language a page is translated from: wagtail-localize's source where there is one, else the default."""
    source_locales = set(
        TranslationSource.objects.filter(object_id=page.translation_key).values_list("locale_id", flat=True)
    )
    if source_locales:
        return page.locale_id in source_locales
    return page.locale_id == Locale.get_default().pk


def _patch_content(content: dict[str, Any], data: dict[str, Any], names: Iterable[str], children: dict) -> bool:
    """Write the source's facts (``data``: its serialisable form) into a revision's content."""
    changed = False
    for name in names:
        if name in data and content.get(name) != data[name]:
            content[name] = data[name]
            changed = True
    for relation, (_child, _key, fields) in children.items():
        by_key = {item.get("translation_key"): item for item in data.get(relation, [])}
        for item in content.get(relation, []):
            source_item = by_key.get(item.get("translation_key"))
            if source_item is None:
                continue
            for field in fields:
                if item.get(field.name) != source_item.get(field.name):
                    item[field.name] = source_item.get(field.name)
                    changed = True
    return changed


@transaction.atomic
def sync_facts(page: Page) -> int:
    """Copy a source page's facts into its translations (not into aliases: Wagtail updates those).

    Returns how many translations were brought up to date. Nothing else changes on
    them: no new revision, no change of live or draft state.
    """
    page = page.specific
    model = type(page)
    fields = fact_fields(model)
    children = child_facts(model)
    if not (fields or children) or not is_source(page):
        return 0
    data = page.serializable_data()
    values = {field.attname: getattr(page, field.attname) for field in fields}
    names = [field.name for field in fields]
    updated = 0
    for translation in page.get_translations().filter(alias_of__isnull=True).specific():
        if values:
            model._default_manager.filter(pk=translation.pk).update(**values)
        for relation, (child, key, child_fields) in children.items():
            for item in getattr(page, relation).all():
                child._default_manager.filter(**{key: translation.pk, "translation_key": item.translation_key}).update(
                    **{field.attname: getattr(item, field.attname) for field in child_fields}
                )
        revision_ids = {translation.latest_revision_id, translation.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=revision_ids):
            if _patch_content(revision.content, data, names, children):
                Revision.objects.filter(pk=revision.pk).update(content=revision.content)
        translation.refresh_from_db()
        index.insert_or_update_object(translation)
        updated += 1
    return updated


def sync_facts_on_publish(sender: Any, instance: Page, **kwargs: Any) -> None:
    """``page_published`` receiver."""
    sync_facts(instance)
