{{ config(enabled=zendesk_schedules_enabled()) }}
-- Zendesk schedules (Fivetran `schedule`, one row per opening interval) as business schedules,
-- their Rails time-zone names ("Eastern Time (US & Canada)") turned into IANA ones by seed
-- zendesk_time_zones so that local hours follow each zone's DST. Deleted schedules stay: the
-- tickets timed on them keep their business durations.
with

intervals as (

    select * from {{ source('zendesk', 'schedule') }}

),

time_zones as (

    select * from {{ ref('zendesk_time_zones') }}

),

schedules as (

    select
        id,
        min(name) as schedule_name,
        min(time_zone) as zendesk_time_zone,
        min(created_at) as created_at,
        min(case when coalesce(_fivetran_deleted, false) then 1 else 0 end) = 1 as is_deleted
    from intervals
    group by id

),

final as (

    select
        {{ connector_id('zendesk', 'schedules.id') }} as schedule_id,
        cast(schedules.schedule_name as {{ dbt.type_string() }}) as schedule_name,
        cast(schedules.zendesk_time_zone as {{ dbt.type_string() }}) as zendesk_time_zone,
        cast(time_zones.time_zone as {{ dbt.type_string() }}) as time_zone,
        cast(schedules.created_at as {{ dbt.type_timestamp() }}) as created_at,
        schedules.is_deleted,
        -- Zendesk's default schedule, the one a ticket no trigger gave a schedule works to, is
        -- the account's first one.
        row_number() over (
            order by case when schedules.is_deleted then 1 else 0 end, schedules.created_at, schedules.id
        ) = 1 as is_default
    from schedules
    left join time_zones on schedules.zendesk_time_zone = time_zones.zendesk_time_zone

)

select * from final
