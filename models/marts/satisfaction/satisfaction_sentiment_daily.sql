-- Grain: one row per contact creation date, source system, channel and team: sentiment of the customers'
-- messages per conversation (VADER, scored once per message by the loader), over the
-- contacts with at least one customer message with text. Conversation measures cover the
-- scored conversations; the message counts say how much of the text could be scored.
with

contacts as (

    select * from {{ ref('fct_contacts') }}
    where customer_text_message_count > 0

),

final as (

    select
        created_date as date_day,
        source_system,
        channel,
        {{ reporting_team('team_id') }} as team_id,
        sum(customer_text_message_count) as customer_text_message_count,
        sum(scored_message_count) as scored_message_count,
        {{ ratio('sum(scored_message_count)', 'sum(customer_text_message_count)') }} as scored_message_share,
        sum(case when scored_message_count > 0 then 1 else 0 end) as scored_conversation_count,
        sum(case when last_message_sentiment_score > {{ var('positive_sentiment_threshold') }} then 1 else 0 end)
            as positive_ending_conversation_count,
        {{ ratio('sum(case when last_message_sentiment_score > ' ~ var('positive_sentiment_threshold')
            ~ ' then 1 else 0 end)', 'sum(case when scored_message_count > 0 then 1 else 0 end)') }}
            as positive_ending_rate,
        sum(mean_sentiment_score) as conversation_mean_sentiment_sum,
        {{ ratio('sum(mean_sentiment_score)', 'sum(case when scored_message_count > 0 then 1 else 0 end)') }}
            as mean_conversation_sentiment,
        sum(last_message_sentiment_score) as last_message_sentiment_sum,
        sum(sentiment_shift) as sentiment_shift_sum,
        {{ ratio('sum(sentiment_shift)', 'sum(case when scored_message_count > 0 then 1 else 0 end)') }}
            as mean_sentiment_shift
    from contacts
    group by 1, 2, 3, 4

)

{{ select_contract_columns('final') }}
