-- Grain: one row per reporting date and cost channel: agent cost (hours of human shifts
-- starting that day times hourly cost, channel 'shared'), other cost lines (their own
-- channel, or 'shared'), and human-handled contacts created (their channel).
with

shifts as (

    select shift_date as date_day, {{ to_double('sum(shift_cost_usd)') }} as agent_cost_usd
    from {{ ref('fct_agent_shifts') }}
    where not is_bot
    group by 1

),

cost_lines as (

    select
        incurred_on as date_day,
        coalesce(channel, 'shared') as cost_channel,
        {{ to_double('sum(amount_usd)') }} as other_cost_usd
    from {{ ref('fct_cost_lines') }}
    group by 1, 2

),

contacts as (

    select created_date as date_day, channel as cost_channel, count(*) as human_handled_contact_count
    from {{ ref('fct_contacts') }}
    where is_human_handled
    group by 1, 2

),

spine as (

    select date_day, 'shared' as cost_channel from shifts
    union
    select date_day, cost_channel from cost_lines
    union
    select date_day, cost_channel from contacts

),

final as (

    select
        spine.date_day,
        spine.cost_channel,
        case when spine.cost_channel = 'shared' then coalesce(shifts.agent_cost_usd, 0) else 0 end
            as agent_cost_usd,
        coalesce(cost_lines.other_cost_usd, 0) as other_cost_usd,
        case when spine.cost_channel = 'shared' then coalesce(shifts.agent_cost_usd, 0) else 0 end
        + coalesce(cost_lines.other_cost_usd, 0) as total_cost_usd,
        coalesce(contacts.human_handled_contact_count, 0) as human_handled_contact_count
    from spine
    left join shifts on spine.date_day = shifts.date_day
    left join cost_lines on spine.date_day = cost_lines.date_day and spine.cost_channel = cost_lines.cost_channel
    left join contacts on spine.date_day = contacts.date_day and spine.cost_channel = contacts.cost_channel

)

{{ select_contract_columns('final') }}
