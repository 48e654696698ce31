-- Grain: one row per source system, channel, team and current status: contacts open at the data end.
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where not is_solved

),

final as (

    select
        cast({{ as_of_timestamp() }} as date) as snapshot_date,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        current_status,
        count(*) as open_contact_count,
        sum(open_age_calendar_minutes) / 60.0 as open_age_calendar_hours_sum
    from contacts
    group by 2, 3, 4, 5

)

{{ select_contract_columns('final') }}
