-- Grain: one row per customer survey answer (CSAT, NPS, CES, smiley), attributed to the
-- contact it is about and to that contact's last agent to reply publicly, team, channel
-- and reason.
with

responses as (

    {{ staged('survey_responses') }}

),

contacts as (

    select contact_id, last_reply_agent_id, team_id, channel, reason, customer_id
    from {{ ref('fct_contacts') }}

),

customers as (

    select customer_id, account_id from {{ ref('int_customers') }}

),

identities as (

    select * from {{ ref('int_customer_identities') }}

),

linked as (

    select
        responses.*,
        case
            when responses.ticket_id is not null then 'ticket:' || responses.ticket_id
            when responses.conversation_id is not null then 'chat:' || responses.conversation_id
        end as contact_id,
        identities.resolved_customer_id
    from responses
    left join identities on responses.customer_id = identities.customer_id

),

final as (

    select
        linked.response_id,
        linked.survey_type,
        coalesce(linked.resolved_customer_id, contacts.customer_id) as customer_id,
        customers.account_id,
        linked.contact_id,
        linked.responded_at,
        {{ reporting_date('linked.responded_at') }} as responded_date,
        linked.score,
        linked.source_system,
        contacts.last_reply_agent_id as agent_id,
        contacts.team_id,
        contacts.channel,
        contacts.reason,
        case when linked.survey_type = 'csat' then linked.score >= 4 end as is_csat_satisfied,
        case
            when linked.survey_type != 'nps' then null
            when linked.score >= 9 then 'promoter'
            when linked.score >= 7 then 'passive'
            else 'detractor'
        end as nps_group,
        case when linked.survey_type = 'ces' then linked.score <= 3 end as is_ces_easy,
        case when linked.survey_type = 'smiley' then linked.score = 3 end as is_smiley_happy
    from linked
    left join contacts on linked.contact_id = contacts.contact_id
    left join customers on coalesce(linked.resolved_customer_id, contacts.customer_id) = customers.customer_id

)

{{ select_contract_columns('final') }}
