-- Grain: one row per schedule and local date on which it is closed all day: the public
-- holidays of its country (seed public_holidays, written by `swh holidays` from the
-- holidays package) without the ones the team works on, plus its own closing days (both
-- from seed holiday_overrides); and the holidays of the Zendesk schedules.
with

public_holidays as (

    select * from {{ ref('public_holidays') }}

),

overrides as (

    select * from {{ ref('holiday_overrides') }}

),

kept_public_holidays as (

    select
        public_holidays.schedule_id,
        cast(public_holidays.holiday_date as date) as holiday_date,
        public_holidays.holiday_name,
        'public_holidays' as holiday_source
    from public_holidays
    left join overrides
        on
            public_holidays.schedule_id = overrides.schedule_id
            and cast(public_holidays.holiday_date as date) = cast(overrides.holiday_date as date)
            and overrides.action = 'remove'
    where overrides.schedule_id is null

),

added_days as (

    select
        schedule_id,
        cast(holiday_date as date) as holiday_date,
        holiday_name,
        'holiday_overrides' as holiday_source
    from overrides
    where action = 'add'

),

unioned as (

    select * from kept_public_holidays
    union all
    select * from added_days
    {%- if zendesk_schedules_enabled() %}
        union all
        select
            schedule_id,
            holiday_date,
            holiday_name,
            'zendesk' as holiday_source
        from {{ ref('stg_zendesk__holidays') }}
    {%- endif %}

),

final as (

    -- An added day that is also a public holiday is one closed day.
    select
        schedule_id,
        holiday_date,
        min(holiday_name) as holiday_name,
        min(holiday_source) as holiday_source
    from unioned
    group by schedule_id, holiday_date

)

select * from final
