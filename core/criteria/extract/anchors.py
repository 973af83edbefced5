"""What a time window counts back from: the start of the study for this patient (one closed list,
shared by the treatment windows of ``treatments.py`` and the condition windows and durations of
``condition_times.py``). "4 weeks prior to surgery" or "within 6 months of diagnosis" name something
else and are not in it."""

from __future__ import annotations

_TRIAL_DRUG = (r"(?:the )?(?:study|trial|investigational) (?:drugs?|medications?|treatment|intervention|agents?"
               r"|product|therapy)")
ANCHOR = (r"(?:the\s+)?(?:(?:initial\s+|study\s+)?screen(?:ing)?(?: visit)?|baseline(?: visit)?|randomi[sz]ation"
          r"|(?:study )?enrol(?:l)?ment"
          r"|(?:study |trial )?entry|registration|inclusion|(?:study )?day (?:1|0)|cycle 1,? day 1|visit 1|study start"
          r"|the study"
          r"|start of (?:the )?study(?: treatment| drug| medication| therapy)?"
          rf"|(?:the )?(?:first|initial) (?:dose|dosing|administration|infusion|injection)(?: of {_TRIAL_DRUG})?"
          rf"|(?:dose|dosing|administration|infusion|injection) of {_TRIAL_DRUG}"
          r"|(?:the )?(?:start|initiation) of (?:the )?(?:study|trial) (?:drugs?|medications?|treatment|therapy)"
          r"|study (?:drug|treatment|medication) (?:administration|initiation|start)"
          r"|(?:signing|obtaining) (?:of )?(?:the )?(?:written )?(?:informed )?consent(?: form)?|(?:informed )?consent"
          # "prior to entering the study", "before starting therapy", "before the initial study drug dose"
          r"|(?:entering|entry into|starting|beginning|initiating) (?:the |this )?(?:study|trial|protocol)"
          r"(?: (?:therapy|treatment|drugs?|medications?))?"
          r"|(?:starting|beginning|initiating|(?:the )?(?:start|initiation|beginning) of) (?:the )?(?:study )?"
          r"(?:therapy|treatment)"
          r"|(?:the )?(?:initial|first) study (?:drug |medication )?(?:dose|administration)|protocol entry"
          r"|study initiation"  # "within 28 days of study initiation": its start for this patient
          r"|(?:the )?study (?:drug|medication|treatment) (?:will be|is) (?:taken|given|started|begun)"
          # the study's own treatment named alone ("within 3 days of study treatment"), the screening visit by
          # another name, a vaccine trial's own vaccination ("prior to study vaccination", "prior to first vaccine
          # injection"); a bare "immunization" is not in it ("Guillain-Barre syndrome within 6 weeks of
          # immunization" is a reaction to some vaccination, not a time before the study)
          r"|study (?:drugs?|medications?|treatment|therapy)(?: administration)?|(?:the )?screening examination"
          r"|(?:the )?(?:first |study |first study )(?:immuni[sz]ation|vaccination)"
          r"|(?:the )?(?:first )?(?:study )?vaccine (?:injection|dose|administration)"
          r"|study)"  # "experimental agents within 30 days prior to study": its start
          r"(?: visit)?")

# The study's own radiotherapy as the start a treatment is counted back from ("chemotherapy must be
# completed at least 2 weeks prior to radiation"): only for treatments that must end before it (a
# radiotherapy trial's), never for condition windows.
RADIATION_START = (r"(?:the\s+)?(?:(?:start|initiation|beginning)\s+of\s+(?:the\s+)?)?(?:radiation|radiotherapy"
                   r"|radiation therapy|chemoradiation|chemoradiotherapy)")
