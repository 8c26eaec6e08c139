# Line mode (`vejviser walk`): plain lines for screen readers, braille displays, SSH and
# scripts. No arrows, guillemets or dashes: a screen reader reads them as noise.

## Starting a walk

walk-usage-json-needs-answers = --format json needs --answers (the answers, separated by ;).
walk-usage-answers-need-guide = --answers needs a guide: vejviser walk GUIDE --answers "1;2".
walk-unknown-guide = There is no guide called "{ $name }".
walk-unknown-guide-did-you-mean = Did you mean: { $close }?
walk-unknown-guide-search = Run vejviser walk without a name to search.
walk-search-prompt = Search for a guide (! for pressure or fraud, q to quit):
walk-search-no-hits = No guides match. Try another word.
walk-search-choose = Choose a number (or an empty line to search again):
walk-search-out-of-range = Type a number from 1 to { $last }.

## A step and an outcome

walk-step = Step { $number }: { $ask }
walk-step-help = Help: { $help }
walk-see-also = See also: { $title } ({ $id })
# A refusal says REFUSE, not MUST NOT, so it cannot be heard as one more must-not rule.
walk-outcome-refuse = REFUSE
walk-outcome = OUTCOME: { $kind } - { $title }
walk-keys = Type the number of an answer and press Enter. Type t to go back one step, g to restart, ? for the rules again, ! for pressure or fraud (the case waits meanwhile), help for this help, q to quit (the case is saved as abandoned).

## A scripted walk (--answers)

walk-answers-ran-out = The answers ran out at: { $step }
walk-answered = Step { $number }: { $ask } Answer: { $answer }

## At the prompts of a case

walk-outcome-keys = Press Enter to end the case. Type h for a handout for the citizen (h uk, h ar … for a printable page in the citizen's language), t to go back one step, ? for the rules again, ! for pressure or fraud, q to quit.
walk-prompt-outcome = Choice:
walk-prompt-step = Answer:
walk-input-ended = Input ended in the middle of the case.
walk-type-a-number = Type a number, or help for the keys.
walk-unknown-language = Unknown language `{ $code }`. Type h and one of the codes { $codes }.
walk-first-question = This is the first question.
walk-ambiguous-answer = That fits more than one answer. Type one of the numbers: { $numbers }
walk-unknown-answer = Unknown answer. Type a number from 1 to { $last }.
walk-already-in-safety = You are already in the pressure and fraud guide.
walk-safety-opened = PRESSURE OR FRAUD: The case waits and goes on afterwards. Type t at the first question to go back to it.
walk-back-to-case = Back to the case: { $title }
