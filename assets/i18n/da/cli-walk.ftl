# Line mode (`vejviser walk`): plain lines for screen readers, braille displays, SSH and
# scripts. No arrows, guillemets or dashes: a screen reader reads them as noise.

## Starting a walk

walk-usage-json-needs-answers = --format json kræver --answers (svarene, adskilt af ;).
walk-usage-answers-need-guide = --answers kræver en guide: vejviser walk GUIDE --answers "1;2".
walk-unknown-guide = Der findes ingen guide, der hedder "{ $name }".
walk-unknown-guide-did-you-mean = Mente du: { $close }?
walk-unknown-guide-search = Kør vejviser walk uden navn for at søge.
walk-search-prompt = Søg efter en guide (! for pres eller svindel, q for at afslutte):
walk-search-no-hits = Ingen guides passer. Prøv et andet ord.
walk-search-choose = Vælg nummer (eller tom linje for ny søgning):
walk-search-out-of-range = Skriv et nummer fra 1 til { $last }.

## A step and an outcome

walk-step = Trin { $number }: { $ask }
walk-step-help = Hjælp: { $help }
walk-see-also = Se også: { $title } ({ $id })
# A refusal says AFVIS, not MÅ IKKE, so it cannot be heard as one more must-not rule.
walk-outcome-refuse = AFVIS
walk-outcome = UDFALD: { $kind } - { $title }
walk-keys = Skriv nummeret på et svar og tryk Enter. Skriv t for et trin tilbage, g for forfra, ? for reglerne igen, ! for pres eller svindel (sagen venter imens), hjælp for denne hjælp, q for at afslutte (sagen gemmes som afbrudt).

## A scripted walk (--answers)

walk-answers-ran-out = Svarene slap op ved: { $step }
walk-answered = Trin { $number }: { $ask } Svar: { $answer }

## At the prompts of a case

walk-outcome-keys = Tryk Enter for at afslutte sagen. Skriv h for en udskrift til borgeren (h uk, h ar … for en side til print på borgerens sprog), t for et trin tilbage, ? for reglerne igen, ! for pres eller svindel, q for at afslutte.
walk-prompt-outcome = Valg:
walk-prompt-step = Svar:
walk-input-ended = Input sluttede midt i sagen.
walk-type-a-number = Skriv et nummer, eller hjælp for tasterne.
walk-unknown-language = Ukendt sprog `{ $code }`. Skriv h og en af koderne { $codes }.
walk-first-question = Du er ved første spørgsmål.
walk-ambiguous-answer = Det passer på flere svar. Skriv et af numrene: { $numbers }
walk-unknown-answer = Ukendt svar. Skriv et nummer fra 1 til { $last }.
walk-already-in-safety = Du er allerede i guiden om pres og svindel.
walk-safety-opened = PRES ELLER SVINDEL: Sagen venter og fortsætter bagefter. Skriv t ved første spørgsmål for at gå tilbage til den.
walk-back-to-case = Tilbage til sagen: { $title }
