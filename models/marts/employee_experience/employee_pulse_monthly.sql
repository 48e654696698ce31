-- Grain: one row per month and team: eNPS (promoters 9-10 minus detractors 0-6, as a
-- percentage of answers) and mean happiness (1-5) from agent pulse surveys.
with

responses as (

    select *, cast({{ dbt.date_trunc('month', 'responded_date') }} as date) as month_start_date
    from {{ ref('fct_agent_pulse_responses') }}

),

final as (

    select
        month_start_date,
        team_id,
        count(recommend_score) as enps_response_count,
        sum(case when enps_group = 'promoter' then 1 else 0 end) as enps_promoter_count,
        sum(case when enps_group = 'passive' then 1 else 0 end) as enps_passive_count,
        sum(case when enps_group = 'detractor' then 1 else 0 end) as enps_detractor_count,
        100 * {{ ratio("sum(case when enps_group = 'promoter' then 1 else 0 end) "
            ~ "- sum(case when enps_group = 'detractor' then 1 else 0 end)", 'count(recommend_score)') }} as enps,
        count(happiness_score) as happiness_response_count,
        sum(happiness_score) as happiness_score_sum,
        {{ ratio('sum(happiness_score)', 'count(happiness_score)') }} as mean_happiness
    from responses
    group by 1, 2

)

{{ select_contract_columns('final') }}
