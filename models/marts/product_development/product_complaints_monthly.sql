-- Grain: one row per creation month and contact reason: contacts tagged as complaints,
-- how many are resolved (solved at the data end), the complaint resolution rate and the
-- FCR of the resolved, FCR-eligible complaints.
with

complaints as (

    select *, cast({{ dbt.date_trunc('month', 'created_date') }} as date) as month_start_date
    from {{ ref('fct_contacts') }}
    where is_complaint

),

final as (

    select
        month_start_date,
        reason,
        count(*) as complaint_count,
        sum(case when is_solved then 1 else 0 end) as resolved_complaint_count,
        {{ ratio('sum(case when is_solved then 1 else 0 end)', 'count(*)') }} as complaint_resolution_rate,
        sum(case when is_fcr_eligible then 1 else 0 end) as fcr_eligible_complaint_count,
        sum(case when is_first_contact_resolution then 1 else 0 end) as fcr_complaint_count,
        {{ ratio('sum(case when is_first_contact_resolution then 1 else 0 end)',
            'sum(case when is_fcr_eligible then 1 else 0 end)') }} as complaint_fcr_rate
    from complaints
    group by 1, 2

)

{{ select_contract_columns('final') }}
