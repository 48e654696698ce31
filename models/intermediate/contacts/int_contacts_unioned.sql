-- One row per contact of every channel: tickets (calls included, channel phone) and chat
-- conversations (bot-started ones included), with the business schedule
-- each is timed on and tag flags.
with

tickets as (

    {{ staged('tickets') }}

),

chats as (

    {{ staged('chat_conversations') }}

),

teams as (

    {{ staged('teams') }}

),

customer_identities as (

    select * from {{ ref('int_customer_identities') }}

),

tag_rules as (

    select * from {{ ref('tag_rules') }}

),

unioned as (

    select
        'ticket:' || ticket_id as contact_id,
        'ticket' as contact_type,
        ticket_id as source_contact_id,
        source_system,
        channel,
        priority,
        reason,
        customer_id,
        cast(null as {{ dbt.type_string() }}) as visitor_id,
        team_id,
        schedule_id,
        created_at,
        tags,
        false as is_bot_started,
        cast(null as {{ dbt.type_timestamp() }}) as handed_over_at,
        cast(null as {{ dbt.type_timestamp() }}) as ended_at
    from tickets

    union all

    select
        'chat:' || conversation_id as contact_id,
        'chat' as contact_type,
        conversation_id as source_contact_id,
        source_system,
        'chat' as channel,
        priority,
        reason,
        customer_id,
        visitor_id,
        team_id,
        cast(null as {{ dbt.type_string() }}) as schedule_id,
        started_at as created_at,
        tags,
        started_by = 'bot' as is_bot_started,
        handed_over_at,
        ended_at
    from chats

),

tag_flags as (

    select
        unioned.contact_id,
        max(case when tag_rules.is_fcr_excluded then 1 else 0 end) = 1 as is_fcr_excluded,
        max(case when tag_rules.is_complaint then 1 else 0 end) = 1 as is_complaint
    from unioned
    inner join tag_rules
        on ';' || replace(unioned.tags, ' ', '') || ';' like '%;' || tag_rules.tag || ';%'
    group by unioned.contact_id

),

final as (

    select
        unioned.contact_id,
        unioned.contact_type,
        unioned.source_contact_id,
        unioned.source_system,
        unioned.channel,
        unioned.priority,
        coalesce(unioned.reason, 'unspecified') as reason,
        -- the customer seed customer_identity_map resolves it to, when another system knows them
        coalesce(customer_identities.resolved_customer_id, unioned.customer_id) as customer_id,
        unioned.visitor_id,
        unioned.team_id,
        -- A ticket's own schedule (a help desk trigger's) before its team's.
        coalesce(unioned.schedule_id, teams.schedule_id, '{{ var("default_schedule_id") }}') as schedule_id,
        unioned.created_at,
        unioned.tags,
        coalesce(tag_flags.is_fcr_excluded, false) as is_fcr_excluded,
        coalesce(tag_flags.is_complaint, false) as is_complaint,
        unioned.is_bot_started,
        unioned.handed_over_at,
        unioned.ended_at
    from unioned
    left join teams on unioned.team_id = teams.team_id
    left join customer_identities on unioned.customer_id = customer_identities.customer_id
    left join tag_flags on unioned.contact_id = tag_flags.contact_id

)

select * from final
