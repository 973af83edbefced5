"""Chinese and Japanese trial records for the scale benchmark.

No bulk ChiCTR, UMIN-CTR or jRCT records are available (../shared/data/README.md), so these are
made from templates in the registries' usual wording, with condition and drug names from the
app's own vocabularies: titles like "甲氨蝶呤治疗类风湿关节炎的随机对照研究" and criteria like
"既往使用甲氨蝶呤治疗3个月以上".
"""

from __future__ import annotations

import random

from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, Site, TrialRecord
from core.vocab import conditions, drugs

# Queries a clinician in Beijing or Kyoto would type: names, prefixes, one and two characters,
# a word that is in every Chinese record ("研究"), mixed with English.
QUERIES = ["类风湿", "类风湿关节炎", "関節リウマチ", "甲氨蝶呤", "メトトレキサート", "狼疮", "干燥综合征", "皮肌炎",
           "全身性エリテマトーデス", "抗ARS抗体症候群", "妊娠", "研究", "患", "类风湿 methotrexate", "ループス 腎炎",
           "难治性", "生物制剂", "痛风", "ＳＬＥ", "托法替布"]


def _names(concepts, lang: str) -> list[str]:
    return [getattr(c, lang)[0] for c in concepts if getattr(c, lang)]


def cjk_records(n: int, seed: int = 11) -> list[TrialRecord]:
    """``n`` records, alternately Chinese and Japanese."""
    rng = random.Random(seed)
    rheumatic = [c for c in conditions.all_concepts() if c.kind == "rheumatic"]
    other = [c for c in conditions.all_concepts() if c.kind == "comorbidity"]
    medicines = list(drugs.all_drugs())
    names = {(id(x), lang): _names(x, lang) for x in (rheumatic, other, medicines) for lang in ("zh", "ja")}
    out = []
    for i in range(n):
        if i % 2 == 0:
            cond, drug, comorb = (rng.choice(names[id(x), "zh"]) for x in (rheumatic, medicines, other))
            kind = rng.choice(["随机对照", "多中心", "开放标签"])
            title = f"{drug}治疗{rng.choice(['', '难治性', '活动性'])}{cond}的{kind}研究"
            criteria = [CriterionNode(INCLUSION, f"符合{cond}分类标准（2010年ACR/EULAR）", label="1"),
                        CriterionNode(INCLUSION, f"年龄{rng.randint(16, 20)}-75岁", label="2"),
                        CriterionNode(INCLUSION, f"既往使用{rng.choice(names[id(medicines), 'zh'])}治疗3个月以上",
                                      label="3"),
                        CriterionNode(EXCLUSION, f"合并{comorb}", label="1"),
                        CriterionNode(EXCLUSION, "妊娠或哺乳期妇女", label="2")]
            site, country, registry = "北京协和医院", "China", f"ChiCTR{2400000000 + i}"
        else:
            cond, drug, comorb = (rng.choice(names[id(x), "ja"]) for x in (rheumatic, medicines, other))
            aim = rng.choice(["有効性と安全性", "長期予後", "治療反応性"])
            title = f"{cond}患者における{drug}の{aim}を検討する試験"
            criteria = [CriterionNode(INCLUSION, f"{cond}の分類基準を満たす患者", label="1"),
                        CriterionNode(INCLUSION, f"{rng.choice(names[id(medicines), 'ja'])}を3か月以上使用している患者",
                                      label="2"),
                        CriterionNode(EXCLUSION, f"{comorb}を合併する患者", label="1"),
                        CriterionNode(EXCLUSION, "妊娠中または授乳中の女性", label="2")]
            site, country, registry = "京都大学医学部附属病院", "Japan", f"jRCT{1050000000 + i}"
        out.append(TrialRecord(title=title, registry_ids=[registry], conditions=[cond], status="RECRUITING",
                               min_age_years=18, max_age_years=75, sites=[Site(name=site, country=country)],
                               criteria=criteria, source_format="benchmark"))
    return out
