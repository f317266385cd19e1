"""Built-in DeepSeek chat templates, used when a GGUF file carries none.

They follow the Jinja templates DeepSeek ships in ``tokenizer_config.json`` (tool-call branches
omitted): R1 distills drop earlier ``<think>`` blocks and open the reply inside ``<think>\\n``;
V3-style chat opens a plain assistant turn.
"""

from __future__ import annotations

BOS = "<｜begin▁of▁sentence｜>"
EOS = "<｜end▁of▁sentence｜>"
USER = "<｜User｜>"
ASSISTANT = "<｜Assistant｜>"
THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

#: Special tokens a DeepSeek-derived vocabulary carries (U+FF5C "｜" and U+2581 "▁").
DEEPSEEK_SPECIAL_TOKENS: tuple[str, ...] = (BOS, EOS, USER, ASSISTANT, THINK_OPEN, THINK_CLOSE)

_SYSTEM_AND_USER_TURNS = (
    "{% if not add_generation_prompt is defined %}{% set add_generation_prompt = false %}{% endif %}"
    "{% set ns = namespace(system_prompt='') %}"
    "{%- for message in messages %}{%- if message['role'] == 'system' %}"
    "{% set ns.system_prompt = message['content'] %}{%- endif %}{%- endfor %}"
    "{{ bos_token }}{{ ns.system_prompt }}"
    "{%- for message in messages %}"
    "{%- if message['role'] == 'user' %}{{ '<｜User｜>' + message['content'] }}{%- endif %}"
    "{%- if message['role'] == 'assistant' and message['content'] is not none %}"
)
_END = "{%- endif %}{%- endfor %}"

DEEPSEEK_R1_TEMPLATE = (
    _SYSTEM_AND_USER_TURNS
    + "{% set content = message['content'] %}"
    "{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}"
    "{{ '<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>' }}"
    + _END
    + "{% if add_generation_prompt %}{{ '<｜Assistant｜><think>\\n' }}{% endif %}"
)

DEEPSEEK_V3_TEMPLATE = (
    _SYSTEM_AND_USER_TURNS
    + "{{ '<｜Assistant｜>' + message['content'] + '<｜end▁of▁sentence｜>' }}"
    + _END
    + "{% if add_generation_prompt %}{{ '<｜Assistant｜>' }}{% endif %}"
)
