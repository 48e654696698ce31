-- Grain: one row per snapshot date, assigned agent and bucket of time since the last agent
-- reply: open contacts at the end of each day (the last day at the data end), as
-- int_agent_open_cases_daily counts them.
with

final as (

    select * from {{ ref('int_agent_open_cases_daily') }}

)

{{ select_contract_columns('final') }}
