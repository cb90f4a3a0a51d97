"""Place and organisation names that read like 岳阳楼区: roads by community, compound names,
property companies, enterprises and social organisations. Unique names are drawn by shuffling
word × suffix combinations with a seeded Generator."""

from __future__ import annotations

import numpy as np

from pipelines.demo.text_people import words

COMMUNITIES = ("岳阳楼", "东湖", "郭亮", "庙前街", "剪刀池", "九华山", "洞庭", "汴河", "捕捞")

# Roads of each community (the old town by the tower has lanes and 巷子; the newer areas roads).
ROADS = {
    "岳阳楼": ("洞庭南路", "汴河街", "塔前街", "鱼巷子", "街河口"),
    "东湖": ("东湖路", "巴陵中路", "建湘路", "新河路"),
    "郭亮": ("郭亮路", "竹荫街", "茶巷子", "先锋路"),
    "庙前街": ("庙前街", "羊叉街", "观音阁路", "乾明寺路"),
    "剪刀池": ("剪刀池路", "梅溪桥路", "天岳山路", "巴陵西路"),
    "九华山": ("九华山路", "北门路", "岳州路", "学院路"),
    "洞庭": ("洞庭北路", "王家河路", "湖滨路", "龙舟路"),
    "汴河": ("汴河路", "西瓜山路", "滨湖东路", "冷铺路"),
    "捕捞": ("渔巷子", "捕捞路", "临湖路", "南岳坡路"),
}

# The 无物业小区 piloting resident self-governance, with their communities (DOMAIN.md §2).
SELF_GOVERNED = {
    "天润小区": "九华山",
    "磷化小区": "九华山",
    "北门新区": "九华山",
    "新世苑家属区": "岳阳楼",
    "迎奥小区": "剪刀池",
}

_COMPOUND_WORDS = words(
    "洞庭 巴陵 岳州 湖滨 望岳 楼韵 金湖 南湖 临湖 观澜 锦江 翰林 怡景 湘北 君山 沁园 滨江 湖光 春晖 朝阳 龙舟 "
    "天岳 紫荆 桂花 枫林 康乐 和平 兴业 阳光 绿洲 丽景 星湖 雅居 书香 乾明 梅溪 竹荫 先锋 鹏程 东方 盛世 泰和 "
    "华庭 碧水 映山 嘉禾 福寿 瑞丰 晴川 荷风"
)
_COMPOUND_SUFFIXES = ("小区", "花园", "苑", "新村", "公寓", "家园", "雅苑", "名邸")
_UNITS = words(
    "市二中 区人民医院 自来水公司 航运公司 粮食局 供销社 教育局 轮船公司 电业局 商业局 印刷厂 建筑公司 "
    "港务局 税务局 邮电局 纺织厂 水产公司"
)
_UNIT_SUFFIXES = ("家属区", "宿舍")

_COMPANY_WORDS = words(
    "楼韵 湖畔 安居 金盾 和家 惠民 嘉信 恒泰 锦程 湘中 德润 华远 楚天 同心 宜居 佳美 鑫源 康达 诚信 "
    "远洋 祥和 悦邻 正泰 中湘 北斗 睿城 长安 民安"
)

_ENTERPRISE_WORDS = words(
    "巴陵 湘楚 洞庭 君山 岳州 楼韵 湖湘 金鹗 南湖 天岳 鸿运 汇丰 盛达 博雅 恒信 新锐 卓越 顺源 鼎盛 益民 "
    "华联 金桥 银河 星辰 润泽 德馨 启航 蓝海 正源 宏图"
)
_INDUSTRIES = words(
    "商贸 餐饮管理 科技 文化传媒 建筑装饰 电子商务 旅游开发 酒店管理 医药连锁 教育咨询 家政服务 汽车服务 "
    "广告 食品 水产 茶业 设计 信息技术 物流 健康管理"
)
_SOCIAL = (
    ("社会工作服务中心", "民办非企业单位"),
    ("养老服务中心", "民办非企业单位"),
    ("青少年服务中心", "民办非企业单位"),
    ("志愿者协会", "社会团体"),
    ("老年人协会", "社会团体"),
    ("人民调解协会", "社会团体"),
    ("文体协会", "社会团体"),
)


def _unique(rng: np.random.Generator, words, suffixes, n: int, taken=()) -> list[str]:
    pool = [w + s for w in words for s in suffixes if w + s not in taken]
    if len(pool) < n:
        raise ValueError(f"only {len(pool)} names for {n}")
    return [pool[i] for i in rng.permutation(len(pool))[:n]]


def compound_names(rng: np.random.Generator, n: int) -> list[str]:
    """n unique compound names; about one in six is a work-unit 家属区 / 宿舍 of the old town."""
    units = _unique(rng, _UNITS, _UNIT_SUFFIXES, n // 6, SELF_GOVERNED)
    rest = _unique(rng, _COMPOUND_WORDS, _COMPOUND_SUFFIXES, n - len(units), SELF_GOVERNED)
    names = units + rest
    return [names[i] for i in rng.permutation(len(names))]


def company_names(rng: np.random.Generator, n: int) -> list[str]:
    words = [_COMPANY_WORDS[i] for i in rng.permutation(len(_COMPANY_WORDS))[:n]]
    kinds = rng.choice(["物业管理有限公司", "物业服务有限公司"], size=n, p=[0.6, 0.4])
    places = rng.choice(["岳阳市", "岳阳", "湖南"], size=n, p=[0.6, 0.25, 0.15])
    return [f"{p}{w}{k}" for p, w, k in zip(places, words, kinds, strict=True)]


def enterprise_names(rng: np.random.Generator, n: int) -> list[str]:
    names = _unique(rng, _ENTERPRISE_WORDS, _INDUSTRIES, n)
    return [("岳阳" if i % 3 else "岳阳市") + name + "有限公司" for i, name in enumerate(names)]


def social_org_names(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """(names, registration kind) of social organisations: street-wide ones and community ones."""
    owners = ["岳阳楼区" + w for w in _ENTERPRISE_WORDS[:12]] + [f"岳阳楼街道{c}社区" for c in COMMUNITIES]
    pool = [(o + s, k) for o in owners for s, k in _SOCIAL]
    chosen = [pool[i] for i in rng.permutation(len(pool))[:n]]
    return [c[0] for c in chosen], [c[1] for c in chosen]
