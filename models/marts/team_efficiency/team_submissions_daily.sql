-- Grain: one row per creation date, source system, channel, team and priority: new contacts (submissions).
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

final as (

    select
        created_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        priority,
        count(*) as submitted_contact_count,
        sum(case when is_bot_started then 1 else 0 end) as bot_started_contact_count
    from contacts
    group by 1, 2, 3, 4, 5

)

{{ select_contract_columns('final') }}
