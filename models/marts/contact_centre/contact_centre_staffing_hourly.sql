-- Grain: one row per team and local hour of its schedule (per date): offered contacts, the
-- offered load in Erlangs, the agents Erlang C requires for the target service level, the
-- agents staffed, and the gap (staffed - required; negative means understaffed).
with

staffing as (

    select * from {{ ref('int_team_hour_staffing') }}

),

final as (

    select
        team_id,
        local_date,
        local_hour,
        local_day_of_week,
        starts_at,
        ends_at,
        offered_contact_count,
        answered_contact_count,
        answered_within_threshold_count,
        average_handle_seconds,
        coalesce(offered_load_erlangs, 0) as offered_load_erlangs,
        required_agents,
        staffed_agents,
        staffed_agents - required_agents as staffing_gap
    from staffing

)

{{ select_contract_columns('final') }}
