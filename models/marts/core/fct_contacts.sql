-- Grain: one row per contact (ticket, call or chat conversation) of every channel.
with

contacts as (

    select * from {{ ref('int_contacts_unioned') }}

),

lifecycle as (

    select * from {{ ref('int_contacts_lifecycle') }}

),

durations as (

    select * from {{ ref('int_contacts_durations') }}

),

sla as (

    select * from {{ ref('int_contacts_sla_checked') }}

),

work as (

    select * from {{ ref('int_contacts_work_summed') }}

),

repeats as (

    select * from {{ ref('int_contacts_repeat_checked') }}

),

sentiment as (

    select * from {{ ref('int_contacts_sentiment_summed') }}

),

followed_up_bot_conversations as (

    select * from {{ ref('int_bot_conversations_followed_up') }}

),

customers as (

    select * from {{ ref('int_customers') }}

),

final as (

    select
        contacts.contact_id,
        contacts.contact_type,
        contacts.source_contact_id,
        contacts.source_system,
        contacts.channel,
        contacts.priority,
        contacts.reason,
        contacts.customer_id,
        customers.account_id,
        contacts.visitor_id,
        contacts.team_id,
        contacts.schedule_id,
        contacts.tags,
        contacts.is_complaint,
        not contacts.is_fcr_excluded as is_fcr_eligible_tagging,
        contacts.created_at,
        {{ reporting_date('contacts.created_at') }} as created_date,
        lifecycle.first_agent_reply_at,
        lifecycle.first_reply_agent_id,
        lifecycle.last_agent_reply_at,
        lifecycle.last_reply_agent_id,
        lifecycle.first_solved_at,
        {{ reporting_date('lifecycle.first_solved_at') }} as first_solved_date,
        lifecycle.final_solved_at,
        {{ reporting_date('lifecycle.final_solved_at') }} as final_solved_date,
        lifecycle.last_customer_message_at,
        coalesce(lifecycle.current_status, 'new') as current_status,
        lifecycle.current_assignee_agent_id,
        durations.is_solved,
        coalesce(lifecycle.solve_count, 0) > 0 as was_ever_solved,
        not durations.is_solved and lifecycle.first_agent_reply_at is null as is_awaiting_first_response,
        coalesce(lifecycle.agent_reply_count, 0) as agent_reply_count,
        coalesce(lifecycle.customer_message_count, 0) as customer_message_count,
        coalesce(lifecycle.service_activity_count, 0) as service_activity_count,
        coalesce(lifecycle.solve_count, 0) as solve_count,
        coalesce(lifecycle.reopen_count, 0) as reopen_count,
        coalesce(lifecycle.reopen_count, 0) > 0 as was_reopened,
        coalesce(lifecycle.team_change_count, 0) as team_change_count,
        coalesce(repeats.repeat_contact_count, 0) > 0 as has_repeat_contact,
        durations.is_solved and not contacts.is_fcr_excluded as is_fcr_eligible,
        durations.is_solved
        and not contacts.is_fcr_excluded
        and coalesce(lifecycle.agent_reply_count, 0) = 1
        and coalesce(lifecycle.reopen_count, 0) = 0
        and coalesce(repeats.repeat_contact_count, 0) = 0 as is_first_contact_resolution,
        durations.first_response_calendar_minutes,
        durations.first_response_business_minutes,
        durations.first_resolution_calendar_minutes,
        durations.first_resolution_business_minutes,
        durations.resolution_calendar_minutes,
        durations.resolution_business_minutes,
        durations.open_age_calendar_minutes,
        durations.open_age_business_minutes,
        sla.sla_policy_id,
        sla.sla_time_basis,
        sla.sla_first_response_target_minutes,
        sla.sla_resolution_target_minutes,
        sla.first_response_sla_status,
        sla.resolution_sla_status,
        coalesce(work.work_record_count, 0) as work_record_count,
        coalesce(work.talk_seconds, 0) as talk_seconds,
        coalesce(work.hold_seconds, 0) as hold_seconds,
        coalesce(work.wrap_up_seconds, 0) as wrap_up_seconds,
        coalesce(work.handle_seconds, 0) as handle_seconds,
        coalesce(lifecycle.agent_reply_count, 0) > 0 or coalesce(work.work_record_count, 0) > 0 as is_human_handled,
        contacts.is_bot_started,
        contacts.handed_over_at,
        contacts.is_bot_started and contacts.handed_over_at is not null as is_handed_over,
        case
            when contacts.is_bot_started and contacts.handed_over_at is not null
                then {{ minutes_between('contacts.created_at', 'contacts.handed_over_at') }}
        end as bot_handover_minutes,
        case
            when not contacts.is_bot_started or contacts.ended_at is null then null
            else contacts.handed_over_at is null and followed_up_bot_conversations.contact_id is null
        end as is_bot_contained,
        contacts.ended_at,
        coalesce(sentiment.customer_text_message_count, 0) as customer_text_message_count,
        coalesce(sentiment.scored_message_count, 0) as scored_message_count,
        sentiment.sentiment_score_sum,
        sentiment.sentiment_score_sum / nullif(sentiment.scored_message_count, 0) as mean_sentiment_score,
        sentiment.first_message_sentiment_score,
        sentiment.last_message_sentiment_score,
        sentiment.last_message_sentiment_score - sentiment.first_message_sentiment_score as sentiment_shift
    from contacts
    left join lifecycle on contacts.contact_id = lifecycle.contact_id
    left join durations on contacts.contact_id = durations.contact_id
    left join sla on contacts.contact_id = sla.contact_id
    left join work on contacts.contact_id = work.contact_id
    left join repeats on contacts.contact_id = repeats.contact_id
    left join sentiment on contacts.contact_id = sentiment.contact_id
    left join customers on contacts.customer_id = customers.customer_id
    left join followed_up_bot_conversations on contacts.contact_id = followed_up_bot_conversations.contact_id

)

{{ select_contract_columns('final') }}
