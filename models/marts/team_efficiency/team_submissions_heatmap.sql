-- Grain: one row per team, month, local ISO day of week and local hour of day: contacts
-- created, by the clock of the team's own schedule time zone (for staffing).
with

contacts as (

    select * from {{ ref('fct_contacts') }}

),

schedules as (

    select * from {{ ref('int_business_schedules') }}

),

local_times as (

    select
        {{ reporting_team('contacts.team_id') }} as team_id,
        contacts.created_date,
        {{ utc_to_local('contacts.created_at', 'schedules.time_zone') }} as created_local_at
    from contacts
    inner join schedules on contacts.schedule_id = schedules.schedule_id

),

final as (

    select
        team_id,
        cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start_date,
        {{ iso_day_of_week('cast(created_local_at as date)') }} as local_iso_day_of_week,
        cast(extract(hour from created_local_at) as integer) as local_hour_of_day,
        count(*) as submitted_contact_count
    from local_times
    group by 1, 2, 3, 4

)

{{ select_contract_columns('final') }}
