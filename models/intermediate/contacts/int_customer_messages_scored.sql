-- One row per customer message with text, with the language and sentiment the loader
-- stored for it (raw message_sentiments, scored once per message by VADER: -1 to +1 for
-- English, unscored for any other language, so an unscored message moves no average). The
-- comments of a connector source (Zendesk) have no stored reading: unscored, and the sentiment
-- mart's share of scored messages shows it. Incremental: the contacts loaded since the last
-- build (macro config_contact_incremental).
{{ config_contact_incremental() }}

with

events as (

    select * from {{ ref('int_contact_events_sequenced') }}
    where {{ loaded_after_this('contact_loaded_at') }}

),

sentiments as (

    select
        {{ sentiment_event_id('source_table', 'message_id') }} as event_id,
        language_code,
        is_scored,
        sentiment_score
    from {{ ref('stg_helpdesk__message_sentiments') }}

),

messages as (

    select event_id, contact_id, event_sequence, event_at, contact_loaded_at
    from events
    where is_customer_message and has_text

),

final as (

    select
        messages.event_id,
        messages.contact_id,
        messages.event_sequence,
        messages.event_at,
        sentiments.language_code,
        coalesce(sentiments.is_scored, false) as is_scored,
        case when sentiments.is_scored then sentiments.sentiment_score end as sentiment_score,
        messages.contact_loaded_at
    from messages
    left join sentiments on messages.event_id = sentiments.event_id

)

select * from final
