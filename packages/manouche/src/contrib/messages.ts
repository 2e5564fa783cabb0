/** `manouche/contrib/messages`: Django's messages framework (`messages.success(request, 'Saved.')`). */
export * from '@manouche/contrib-messages';
