-- Grain: one row per contact creation date, channel and team: handle time of contacts with
-- agent work records, from the contact's total work seconds (all its agents together).
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where work_record_count > 0

),

final as (

    select
        created_date as date_day,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        count(*) as worked_contact_count,
        sum(talk_seconds) as talk_seconds,
        sum(hold_seconds) as hold_seconds,
        sum(wrap_up_seconds) as wrap_up_seconds,
        sum(handle_seconds) as handle_seconds,
        {{ ratio('sum(handle_seconds)', 'count(*)') }} / 60.0 as average_handle_time_minutes
    from contacts
    group by 1, 2, 3

)

{{ select_contract_columns('final') }}
