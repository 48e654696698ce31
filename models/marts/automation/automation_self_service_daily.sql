-- Grain: one row per self-service session start date and session type: case deflection.
with

sessions as (

    select * from {{ ref('fct_self_service_sessions') }}

),

final as (

    select
        started_date as date_day,
        session_type,
        count(*) as self_service_session_count,
        sum(case when is_deflected then 1 else 0 end) as deflected_session_count,
        {{ ratio('sum(case when is_deflected then 1 else 0 end)', 'count(*)') }} as case_deflection_rate
    from sessions
    group by 1, 2

)

{{ select_contract_columns('final') }}
