"""Chinese personal names, drawn in bulk: common surnames with rough frequency weights (湖南 has
more 彭、谭、易、邓 than the national table), given names by sex and by generation (a 1950s
秀英 or 建国, a 1990s 子涵 or 浩然), one or two characters."""

from __future__ import annotations

import numpy as np


def words(text: str) -> tuple[str, ...]:
    """A pool of words written as one space-separated string (easier to read and extend)."""
    return tuple(text.split())


SURNAMES = (
    "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜钟谭陆汪范金石廖贾夏付方邹熊秦邱江尹易喻龚贺毛万严覃戴汤向段雷侯龙陶黎顾柳伍文"
)
# Weights: the first ten are about 40 % of people; 湖南 surnames (彭 谭 易 邓 曾 贺 龚 喻 柳 伍) a bit more.
_HUNAN = set("彭谭易邓曾贺龚喻柳伍")
SURNAME_P = np.array(
    [
        (6.0 if i < 10 else 2.0 if i < 30 else 1.0) * (2.0 if s in _HUNAN else 1.0)
        for i, s in enumerate(SURNAMES)
    ]
)
SURNAME_P = SURNAME_P / SURNAME_P.sum()

# (male, female) given-name characters by generation: born before 1970, 1970–1989, from 1990
GIVEN = {
    "old": (
        words(
            "建国 国华 国强 建华 志强 德明 振华 卫东 长青 福生 春生 国庆 建军 新民 立新 红军 跃进 光明 永红 学文 文斌 正德 水生 金生"
        ),
        words(
            "秀英 桂英 秀兰 桂兰 玉兰 凤英 淑珍 翠兰 冬梅 春兰 美华 丽华 素珍 秀珍 玉梅 月娥 菊香 兰芳 金凤 银花 爱华 秋菊 红英 淑芳"
        ),
    ),
    "mid": (
        words(
            "伟 勇 军 斌 涛 强 刚 磊 鹏 杰 波 辉 明 俊 峰 志刚 海涛 建平 晓东 文华 小军 立军 卫平 湘平 湘军 洪波"
        ),
        words("丽 敏 静 燕 艳 娟 霞 芳 红 琴 玲 萍 丽娟 海燕 晓红 雪梅 小燕 湘君 慧 婷 丽萍 春燕 晓丽 湘莲"),
    ),
    "young": (
        words(
            "浩然 子轩 宇航 俊杰 思远 一鸣 博文 天宇 梓豪 皓轩 嘉豪 子豪 明轩 浩宇 家乐 文杰 宇轩 晨阳 志远 逸飞 铭泽 湘宇"
        ),
        words(
            "子涵 欣怡 梓涵 诗涵 雨涵 可馨 思琪 佳怡 梦琪 雨欣 一诺 语嫣 婧琪 紫萱 晓雯 心怡 若曦 欣妍 嘉怡 湘怡 芷若 雅琴"
        ),
    ),
}


def _generation(birth_year: np.ndarray) -> np.ndarray:
    return np.where(birth_year < 1970, 0, np.where(birth_year < 1990, 1, 2))


def names(rng: np.random.Generator, birth_year: np.ndarray, male: np.ndarray) -> np.ndarray:
    """One full name per person (surname + given name fitting the sex and the decade of birth)."""
    n = len(birth_year)
    surname = rng.choice(np.array(list(SURNAMES)), size=n, p=SURNAME_P)
    given = np.empty(n, dtype=object)
    generation = _generation(np.asarray(birth_year))
    for g, key in enumerate(("old", "mid", "young")):
        for sex, pool in ((True, GIVEN[key][0]), (False, GIVEN[key][1])):
            mask = (generation == g) & (np.asarray(male) == sex)
            given[mask] = rng.choice(np.array(pool), size=int(mask.sum()))
    return np.char.add(surname.astype(str), given.astype(str))


def adults(rng: np.random.Generator, n: int, first_year: int = 1945, last_year: int = 2004):
    """Birth years, sexes and names of n adults (uniform years: rosters of all ages)."""
    birth_year = rng.integers(first_year, last_year + 1, size=n)
    male = rng.random(n) < 0.5
    return birth_year, male, names(rng, birth_year, male)
