-- Grain: one row per contact an SLA policy applies to, with its targets and time basis. A
-- Zendesk ticket has the target Zendesk applied to it (stg_zendesk__sla_targets; none when no
-- policy matched it, as in Zendesk's own reports); every other contact the most specific seed
-- policy matching its priority and channel (an exact channel before 'any').
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}
    {%- if var('zendesk_enabled', false) %}
        where source_system <> '{{ var("zendesk_source_system") }}'
    {%- endif %}

),

sla_policies as (

    select * from {{ ref('sla_policies') }}

),

seed_matches as (

    select
        contacts.contact_id,
        sla_policies.policy_id as sla_policy_id,
        sla_policies.time_basis as sla_time_basis,
        sla_policies.first_response_target_minutes,
        sla_policies.resolution_target_minutes,
        row_number() over (
            partition by contacts.contact_id
            order by case when sla_policies.channel = 'any' then 1 else 0 end, sla_policies.policy_id
        ) as specificity_rank
    from contacts
    inner join sla_policies
        on
            contacts.priority = sla_policies.priority
            and (contacts.channel = sla_policies.channel or sla_policies.channel = 'any')

),

unioned as (

    select
        contact_id,
        cast(sla_policy_id as {{ dbt.type_string() }}) as sla_policy_id,
        cast(sla_time_basis as {{ dbt.type_string() }}) as sla_time_basis,
        first_response_target_minutes,
        resolution_target_minutes
    from seed_matches
    where specificity_rank = 1
    {%- if var('zendesk_enabled', false) %}

        union all

        -- Zendesk has no creation-to-solve target (its requester wait and agent work times
        -- leave out pending time), so a Zendesk ticket's resolution has no SLA.
        select
            'ticket:' || ticket_id as contact_id,
            sla_policy_id,
            sla_time_basis,
            first_response_target_minutes,
            cast(null as integer) as resolution_target_minutes
        from {{ ref('stg_zendesk__sla_targets') }}
    {%- endif %}

)

select * from unioned
