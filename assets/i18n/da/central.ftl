## The central log: shipping cases to the municipality's server

central-problem = Central log: { $problem }
central-waiting = { $count } { $count ->
    [one] sag venter
   *[other] sager venter
} på at blive sendt til den centrale log: { $problem }
central-refused = { $count } { $count ->
    [one] sag er afvist
   *[other] sager er afvist
} af den centrale server og sendes ikke igen; de bliver i den lokale log
central-refused-why = { central-refused }: { $why }
central-shipped = { $sent } { $sent ->
    [one] sag
   *[other] sager
} sendt ({ $stored } nye for serveren); { $left } venter.
central-shipped-refused = { $refused } afvist af serveren, sendes ikke igen: { $why }
