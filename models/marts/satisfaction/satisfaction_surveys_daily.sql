-- Grain: one row per response date, source system, channel, team and agent (the last agent to reply
-- publicly on the contact the survey is about): CSAT, CES and post-chat smiley answers.
with

responses as (

    select * from {{ ref('fct_survey_responses') }}
    where survey_type in ('csat', 'ces', 'smiley')

),

final as (

    select
        responded_date as date_day,
        source_system,
        coalesce(channel, 'unknown') as channel,
        {{ reporting_team('team_id') }} as team_id,
        coalesce(agent_id, 'unattributed') as agent_id,
        sum(case when survey_type = 'csat' then 1 else 0 end) as csat_response_count,
        sum(case when is_csat_satisfied then 1 else 0 end) as csat_satisfied_count,
        sum(case when survey_type = 'csat' then score else 0 end) as csat_score_sum,
        100 * {{ ratio('sum(case when is_csat_satisfied then 1 else 0 end)',
            "sum(case when survey_type = 'csat' then 1 else 0 end)") }} as csat_score,
        sum(case when survey_type = 'ces' then 1 else 0 end) as ces_response_count,
        sum(case when survey_type = 'ces' then score else 0 end) as ces_score_sum,
        sum(case when is_ces_easy then 1 else 0 end) as ces_easy_count,
        {{ ratio("sum(case when survey_type = 'ces' then score else 0 end)",
            "sum(case when survey_type = 'ces' then 1 else 0 end)") }} as mean_ces,
        sum(case when survey_type = 'smiley' then 1 else 0 end) as smiley_response_count,
        sum(case when is_smiley_happy then 1 else 0 end) as smiley_happy_count,
        sum(case when survey_type = 'smiley' then score else 0 end) as smiley_score_sum,
        {{ ratio('sum(case when is_smiley_happy then 1 else 0 end)',
            "sum(case when survey_type = 'smiley' then 1 else 0 end)") }} as friendliness_happy_rate
    from responses
    group by 1, 2, 3, 4, 5

)

{{ select_contract_columns('final') }}
