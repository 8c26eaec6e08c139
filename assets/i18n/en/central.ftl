## The central log: shipping cases to the municipality's server

central-problem = Central log: { $problem }
central-waiting = { $count } { $count ->
    [one] case waits
   *[other] cases wait
} to be sent to the central log: { $problem }
central-refused = { $count } { $count ->
    [one] case was
   *[other] cases were
} refused by the central server and will not be sent again; they stay in the local log
central-refused-why = { central-refused }: { $why }
central-shipped = { $sent } { $sent ->
    [one] case
   *[other] cases
} sent ({ $stored } new to the server); { $left } waiting.
central-shipped-refused = { $refused } refused by the server, not sent again: { $why }
