-- Grain: one row per contact with at least one customer message with text: how many, how many
-- scored, and the scores summed, first and last. First and last are ranked among the scored
-- messages: an unscored message (a language the scorer does not cover) is counted, never
-- scored 0.
with

messages as (

    select * from {{ ref('int_customer_messages_scored') }}

),

ranked as (

    select
        contact_id,
        is_scored,
        sentiment_score,
        row_number() over (partition by contact_id, is_scored order by event_sequence) as message_rank,
        row_number() over (partition by contact_id, is_scored order by event_sequence desc) as message_rank_desc
    from messages

),

final as (

    select
        contact_id,
        count(*) as customer_text_message_count,
        sum(case when is_scored then 1 else 0 end) as scored_message_count,
        sum(sentiment_score) as sentiment_score_sum,
        max(case when is_scored and message_rank = 1 then sentiment_score end) as first_message_sentiment_score,
        max(case when is_scored and message_rank_desc = 1 then sentiment_score end) as last_message_sentiment_score
    from ranked
    group by contact_id

)

select * from final
