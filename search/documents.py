"""The Elasticsearch document of a public page, its mapping and its analysis.

Only core analysis is used (standard tokenizer, lowercase, shingle), so the same mapping
runs on Elastic's integ-test distribution and on a full cluster. Folding is done in Python
(`search.text`): every text field has an accented copy and a folded `*_folded` copy.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Object,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from .client import index_name

ALIAS_NAME = "content"

# Syllable bigrams and trigrams: Vietnamese words are mostly two or three syllables, so
# "giấy phép" or "khai sinh" score as units.
shingle_filter = token_filter(
    "vi_shingle_filter", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=False
)
# Unigrams + shingles for the phrase suggester (did you mean).
trigram_filter = token_filter(
    "vi_trigram_filter", "shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=True
)
vi_text = analyzer("vi_text", tokenizer="standard", filter=["lowercase"])
vi_shingle = analyzer("vi_shingle", tokenizer="standard", filter=["lowercase", shingle_filter])
# Bodies get bigrams only: trigrams of every body doubled its shingles for little gain (the
# title and summary keep them).
bigram_filter = token_filter(
    "vi_bigram_filter", "shingle", min_shingle_size=2, max_shingle_size=2, output_unigrams=False
)
vi_trigram = analyzer("vi_trigram", tokenizer="standard", filter=["lowercase", trigram_filter])
vi_bigram = analyzer("vi_bigram", tokenizer="standard", filter=["lowercase", bigram_filter])
lowercase_keyword = normalizer("lowercase_keyword", filter=["lowercase"])


# Positions are kept only where a query reads them: `title_folded`, for the title
# suggester's phrase prefix. Every other text field is matched word by word or shingle by
# shingle (search.query), and the phrase suggester (did you mean) reads term statistics
# only, so they are indexed with frequencies: a third less index and a sixth less indexing
# work. A phrase query on those fields would be refused.
WORDS = "freqs"


def _text(shingles=vi_shingle, index_options: str | None = WORDS, **extra) -> Text:
    if index_options:
        extra["index_options"] = index_options
    return Text(
        analyzer=vi_text,
        fields={"shingles": Text(analyzer=shingles, index_options=WORDS)},
        **extra,
    )


class ContentDocument(Document):
    """One public page (`_id`: the page id) or document (`_id`: "document-<id>")."""

    page_id = Integer()
    type = Keyword()
    content_type = Keyword()

    title = _text()
    title_folded = _text(index_options=None, index_prefixes={"min_chars": 1, "max_chars": 10})
    # The whole folded title (and full official name), its words only, for "the query is
    # exactly this title" boosts.
    title_exact = Keyword(normalizer=lowercase_keyword)
    summary = _text()
    summary_folded = _text()
    # No accented shingles on the body: no query reads them (accented phrases score on title
    # and summary, see search.query), and they were a third of Elasticsearch's indexing work.
    body = Text(analyzer=vi_text, index_options=WORDS)
    body_folded = _text(shingles=vi_bigram)
    # Sector, agency, issuer, categories, tags: matched, weighted low.
    keywords = Text(analyzer=vi_text, index_options=WORDS)
    keywords_folded = Text(analyzer=vi_text, index_options=WORDS)
    # Procedure codes and document numbers, whole, as typed and folded.
    codes = Keyword(normalizer=lowercase_keyword)
    codes_folded = Keyword(normalizer=lowercase_keyword)
    # Exact keys of the page's own codes and numbers, and of the documents it cites
    # (search.codes): "1001193", "001193", "15/2020", "nghi_dinh:15/2020".
    code_keys = Keyword()
    cited_keys = Keyword()
    suggest = Text(analyzer=vi_trigram, index_options=WORDS)
    suggest_folded = Text(analyzer=vi_trigram, index_options=WORDS)

    url = Keyword(index=False)
    site_id = Integer()
    site_slug = Keyword()
    site_hostname = Keyword()
    site_name = Keyword()
    agency = Keyword()
    sector = Keyword()
    sector_name = Keyword()
    levels = Keyword()
    online = Keyword()
    categories = Keyword()
    tags = Keyword()
    document_type = Keyword()
    issuer = Keyword()
    status = Keyword()
    date = Date()
    year = Integer()
    last_published_at = Date()
    # An uploaded document (search.files): its id, file and the public pages using it.
    document_id = Integer()
    file_name = Keyword()
    file_type = Keyword()
    file_size = Long()
    # How its text was read (search.extraction): "ok", "scanned", "encrypted"…
    text_status = Keyword()
    used_on = Object(enabled=False)
    # A digest of the other fields (indexing.content_hash), compared by search_reconcile.
    content_hash = Keyword(index=False, doc_values=False)


def alias_name() -> str:
    """The alias searches and syncs use, e.g. `cms-dev-content`."""
    return index_name(ALIAS_NAME)


def index_pattern() -> str:
    """Every concrete index behind the alias (`cms-dev-content-<version>`)."""
    return f"{alias_name()}-*"


def build_index(name: str) -> Index:
    """The concrete index `name` with the content mapping and analysis."""
    conf = settings.ELASTICSEARCH
    index = Index(name)
    # One shard holds a portal's content easily; replicas >= 1 on a multi-node cluster
    # (docs/deployment.md) so that losing a node loses no data and no search.
    index.settings(
        number_of_shards=conf.get("SHARDS", 1),
        number_of_replicas=conf.get("REPLICAS", 0),
        refresh_interval="1s",
    )
    index.document(ContentDocument)
    return index
