-- Nothing lost between raw and core for the one-to-one facts (each source's rows, macro staged);
-- customers less those seed customer_identity_map merges into another one.
{% set pairs = [
    ('stg_helpdesk__agent_work_records', 'fct_agent_work_records'),
    ('stg_helpdesk__survey_responses', 'fct_survey_responses'),
    ('stg_helpdesk__orders', 'fct_orders'),
    ('stg_helpdesk__page_views', 'fct_page_views'),
    ('stg_helpdesk__self_service_sessions', 'fct_self_service_sessions'),
    ('stg_helpdesk__agent_shifts', 'fct_agent_shifts'),
    ('stg_helpdesk__agent_pulse_responses', 'fct_agent_pulse_responses'),
    ('stg_helpdesk__referrals', 'fct_referrals'),
    ('stg_helpdesk__cost_lines', 'fct_cost_lines'),
    ('stg_helpdesk__agents', 'dim_agents'),
    ('stg_helpdesk__customers', 'dim_customers'),
    ('stg_helpdesk__accounts', 'dim_accounts'),
] %}
with

counts as (

    {% for staging, core in pairs %}
        select
            '{{ core }}' as model_name,
            (
                select count(*) from ({{ staged(staging | replace('stg_helpdesk__', '')) }}) as staged_rows
            ) as staging_rows,
            (select count(*) from {{ ref(core) }})
            {%- if core == 'dim_customers' %}
                + (select count(case when is_merged then 1 end) from {{ ref('int_customer_identities') }})
            {%- endif %} as core_rows
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from counts
where staging_rows != core_rows
