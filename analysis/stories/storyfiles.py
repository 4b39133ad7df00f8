"""Reading a story's own files safely: story ids that can only name a folder of the corpus,
paths that stay inside their folder, and YAML that cannot blow up.

A teacher may copy a story folder from anywhere, so every file is read as untrusted: a story
id is checked against the schema's pattern before it becomes part of a path, a symbolic
link that leads out of the story folder is refused, and YAML is read with every value a
string, without aliases (a 600-byte file of nested aliases expands to gigabytes), tags,
duplicate keys or keys that are not plain text, within a size limit.
"""

import re
from pathlib import Path

import yaml

from analysis.errors import CorpusError

MAX_YAML_BYTES = 1_000_000  # a story file is a few kilobytes
STORY_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # as the schema's "story" pattern


def check_story_id(story):
    """Raise ``CorpusError`` unless ``story`` is a story id: lower-case letters, digits and hyphens
    (so it can only name a folder inside the corpus folder, never "../x" or an absolute path)."""
    if not isinstance(story, str) or not STORY_ID.fullmatch(story):
        raise CorpusError(Path(str(story)), "is not a story id: use the story folder's name, lower-case letters, "
                                            "digits and hyphens (e.g. milley-china-calls)")
    return story


def inside(path, folder):
    """Raise ``CorpusError`` when ``path`` (a symbolic link, say) leads outside ``folder``."""
    if not Path(path).resolve().is_relative_to(Path(folder).resolve()):
        raise CorpusError(path, f"leads outside {folder} (a symbolic link?); copy the file into the folder instead")
    return path


def read_yaml(path):
    """A story's YAML file, read with every value a string. Refused, with one ``CorpusError``
    naming the file: anything but a regular file, over ``MAX_YAML_BYTES``, not UTF-8, not valid
    YAML, nested too deeply, aliases (``&a`` / ``*a``: a few lines of them can expand to
    gigabytes), tags (``!!python/...``), duplicate keys or keys that are not plain text."""
    path = Path(path)
    if not path.is_file():  # a folder, a FIFO, a device
        raise CorpusError(path, "is not a regular file")
    if path.stat().st_size > MAX_YAML_BYTES:
        raise CorpusError(path, f"is over {MAX_YAML_BYTES:,} bytes; a story file needs a few thousand")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"is not UTF-8 text ({error.reason} at byte {error.start})") from None
    except RecursionError:
        raise CorpusError(path, "is nested too deeply to be a story file") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CorpusError(path, f"{where}not valid YAML ({problem}); check the indentation and quotes") from None


class _StrictLoader(yaml.BaseLoader):
    """YAML loader that keeps every value a string and refuses aliases, tags, duplicate keys and
    keys that are not plain text."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(None, None, "aliases and anchors (*name, &name) are not allowed in "
                                              "story files; write the value out", event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise yaml.composer.ComposerError(None, None, f"the tag {event.tag} is not allowed in story files",
                                              event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        keys = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(None, None, "a key must be plain text, not a list or a "
                                                        "mapping", key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the field {key!r} appears twice", key_node.start_mark
                )
            keys.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        return _LineDict(mapping, line=node.start_mark.line + 1)


class _LineDict(dict):
    """A dict that remembers the line of the YAML file it came from."""

    def __init__(self, mapping, line):
        super().__init__(mapping)
        self.line = line


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_mapping)
