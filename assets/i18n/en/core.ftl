# Vejviser's English words. Every id of da.ftl is here too, with the same arguments.

## Counts

count-cases = { $count } { $count ->
    [one] case
   *[other] cases
}
count-guides = { $count } { $count ->
    [one] guide
   *[other] guides
}
count-errors = { $count } { $count ->
    [one] error
   *[other] errors
}
count-warnings = { $count } { $count ->
    [one] warning
   *[other] warnings
}

## Problems reading a case log for a report

report-error-sqlite = { $path }: { $detail }
report-error-too-new = { $path }: written by a newer vejviser (schema { $found }); update vejviser to read it
report-error-missing = { $path }: the file does not exist
report-error-not-a-file = { $path }: not a file (a folder or a device); give the path of a case log file
report-error-not-a-log = { $path }: not a vejviser case log (or its tables were changed by hand)
report-error-bad-value = { $path }: the log holds an impossible value ({ $what }); it may have been altered

## Problems walking a case

walk-error-bad-start = the guide's start `{ $id }` is not a step
walk-error-finished = the case has reached its outcome; go back or restart to answer again
walk-error-no-such-choice = no visible choice number { $number }
walk-error-no-such-label = no visible choice labelled "{ $label }"; the choices are: { $choices }
walk-error-broken = choice leads to `{ $id }`, which is neither a step nor an outcome
